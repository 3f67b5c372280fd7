import Litmus
import Barriers
