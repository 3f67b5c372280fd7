#include "CBarriers.h"
