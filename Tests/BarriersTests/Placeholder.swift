import Testing
import Barriers
