import Testing
import Litmus
