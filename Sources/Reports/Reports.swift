import Litmus
import Models
import Harness
