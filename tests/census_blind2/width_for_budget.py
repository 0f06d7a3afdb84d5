"""Blind wrong attempts at width_for_budget."""
from . import BlindAttempt as A

I = "width_for_budget"
FIRST = "4 * (u * (features + u) + u)"
UPPER = "(layers - 1) * 4 * (u * (u + u) + u)"
ATTEMPTS = [
    A(I, "every layer reads the features, not the u outputs of the layer below",
      [(UPPER, "(layers - 1) * 4 * (u * (features + u) + u)")], 1),
    A(I, "layers ignored: one layer's count only", [(" + " + UPPER, "")], 1),
    A(I, "upper layers counted `layers` times, not layers - 1 (one layer too many)",
      [(UPPER, "layers * 4 * (u * (u + u) + u)")], 1),
    A(I, "strict inequality: count < budget, so a width that exactly fills the budget is refused",
      [("<= budget", "< budget")], 1),
    A(I, "off by one: returns the first width over the budget", [("    return u", "    return u + 1")], 1),
    A(I, "bias forgotten (4*u*(in+u) per layer)",
      [(FIRST, "4 * u * (features + u)"), ("4 * (u * (u + u) + u)", "4 * u * (u + u)")], 1),
    A(I, "the 4 gates forgotten: one gate's weights per layer",
      [(FIRST, "(u * (features + u) + u)"), ("(layers - 1) * 4 * (", "(layers - 1) * (")], 1),
    A(I, "recurrent kernel forgotten: in*u + u per gate",
      [(FIRST, "4 * (u * features + u)"), ("4 * (u * (u + u) + u)", "4 * (u * u + u)")], 1),
    A(I, "bias counted once per layer, not once per gate (4*u*(in+u) + u)",
      [(FIRST, "4 * u * (features + u) + u"), ("4 * (u * (u + u) + u)", "(4 * u * (u + u) + u)")], 1),
    A(I, "strict inequality AND bias forgotten",
      [("<= budget", "< budget"), (FIRST, "4 * u * (features + u)"), ("4 * (u * (u + u) + u)", "4 * u * (u + u)")], 2),
    A(I, "layers ignored AND returns the first width over the budget",
      [(" + " + UPPER, ""), ("    return u", "    return u + 1")], 2),
    A(I, "every layer reads the features AND the 4 gates forgotten",
      [(UPPER, "(layers - 1) * (u * (features + u) + u)"), (FIRST, "(u * (features + u) + u)")], 2),
]
