#include "planning/normal.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace wareflow::planning {
namespace {

[[noreturn]] void fail(const std::string& field, const std::string& detail) {
  throw inputs::InputError("invalid_parameter", field, field + ": " + detail);
}

}  // namespace

double standard_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

double standard_normal_pdf(double x) {
  return std::exp(-0.5 * x * x) * (std::numbers::inv_sqrtpi / std::numbers::sqrt2);
}

double standard_normal_quantile(double p) {
  if (!(p > 0 && p < 1)) fail("p", "must be in (0, 1)");
  // Wichura, Algorithm AS 241, Applied Statistics 37(3), 1988: PPND16.
  static constexpr double a[8] = {3.3871328727963666080e0,  1.3314166789178437745e+2,
                                  1.9715909503065514427e+3, 1.3731693765509461125e+4,
                                  4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                  3.3430575583588128105e+4, 2.5090809287301226727e+3};
  static constexpr double b[8] = {1.0,
                                  4.2313330701600911252e+1,
                                  6.8718700749205790830e+2,
                                  5.3941960214247511077e+3,
                                  2.1213794301586595867e+4,
                                  3.9307895800092710610e+4,
                                  2.8729085735721942674e+4,
                                  5.2264952788528545610e+3};
  static constexpr double c[8] = {1.42343711074968357734e0,  4.63033784615654529590e0,
                                  5.76949722146069140550e0,  3.64784832476320460504e0,
                                  1.27045825245236838258e0,  2.41780725177450611770e-1,
                                  2.27238449892691845833e-2, 7.74545014278341407640e-4};
  static constexpr double d[8] = {1.0,
                                  2.05319162663775882187e0,
                                  1.67638483018380384940e0,
                                  6.89767334985100004550e-1,
                                  1.48103976427480074590e-1,
                                  1.51986665636164571966e-2,
                                  5.47593808499534494600e-4,
                                  1.05075007164441684324e-9};
  static constexpr double e[8] = {6.65790464350110377720e0,  5.46378491116411436990e0,
                                  1.78482653991729133580e0,  2.96560571828504891230e-1,
                                  2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                  2.71155556874348757815e-5, 2.01033439929228813265e-7};
  static constexpr double f[8] = {1.0,
                                  5.99832206555887937690e-1,
                                  1.36929880922735805310e-1,
                                  1.48753612908506148525e-2,
                                  7.86869131145613259100e-4,
                                  1.84631831751005468180e-5,
                                  1.42151175831644588870e-7,
                                  2.04426310338993978564e-15};
  const auto poly = [](const double(&coef)[8], double x) {
    double v = coef[7];
    for (int i = 6; i >= 0; --i) v = v * x + coef[i];
    return v;
  };
  const double q = p - 0.5;
  if (std::fabs(q) <= 0.425) {
    const double r = 0.180625 - q * q;
    return q * poly(a, r) / poly(b, r);
  }
  double r = std::sqrt(-std::log(q < 0 ? p : 1 - p));
  double value;
  if (r <= 5) {
    r -= 1.6;
    value = poly(c, r) / poly(d, r);
  } else {
    r -= 5;
    value = poly(e, r) / poly(f, r);
  }
  return q < 0 ? -value : value;
}

double standard_normal_loss(double k) {
  const double upper_tail = 0.5 * std::erfc(k / std::numbers::sqrt2);
  return std::max(0.0, standard_normal_pdf(k) - k * upper_tail);
}

double inverse_standard_normal_loss(double g) {
  if (!(std::isfinite(g) && g > 0)) fail("g", "must be finite and > 0");
  // G(k) > -k, so G(-(g + 1)) > g; G reaches 0 (in doubles) before k = 64.
  double lo = -(g + 1);
  double hi = 1;
  while (standard_normal_loss(hi) > g) hi *= 2;
  for (int i = 0; i < 4096; ++i) {
    const double mid = lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi)) break;
    if (standard_normal_loss(mid) > g) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo + (hi - lo) / 2;
}

}  // namespace wareflow::planning
