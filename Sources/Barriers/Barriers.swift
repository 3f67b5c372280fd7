@_exported import CBarriers
