// The standard normal distribution as the planning cores use it: the CDF, the
// density, the quantile (the one inverse of the CDF in the code base, used for
// reorder safety factors and forecast prediction intervals), the loss function
// G(k) and its inverse. Pure double arithmetic; refusals are
// inputs::InputError with code invalid_parameter.
#pragma once

#include "inputs/input_error.h"

namespace wareflow::planning {

// Phi(x), the CDF, via std::erfc (accurate in both tails).
double standard_normal_cdf(double x);
// phi(x), the density.
double standard_normal_pdf(double x);
// Phi^-1(p) for p in (0, 1), Wichura's AS241 (PPND16, about 1e-16 relative).
// Throws invalid_parameter (field "p") outside (0, 1) or for NaN.
double standard_normal_quantile(double p);
// G(k) = phi(k) - k (1 - Phi(k)): expected shortage per unit sigma of a normal
// demand above k sigma. Decreasing, > 0, G(0) = 1/sqrt(2 pi).
double standard_normal_loss(double k);
// The k with G(k) = g, for finite g > 0 (bisection to full double precision).
// Throws invalid_parameter (field "g") otherwise.
double inverse_standard_normal_loss(double g);

}  // namespace wareflow::planning
