import Testing
import Harness
