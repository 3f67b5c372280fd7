import Litmus
