import Testing
import Models
