import Testing
import LitmusSyntax
