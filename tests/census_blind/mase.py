"""Blind wrong attempts at mase."""
from . import BlindAttempt as A

MAE = "mae = np.mean(np.abs(y_true - y_pred))"
NAIVE = "naive = np.mean(np.abs(y_train[season:] - y_train[:-season]))"
RET = "return mae / naive"

ATTEMPTS = [
    A("mase", "ratio inverted: naive MAE over the forecast's MAE", [(RET, "return naive / mae")], 1),
    A("mase", "naive MAE divided by n instead of n - season", [(NAIVE, "naive = np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train)")], 1),
    A("mase", "seasonal naive computed on the test values instead of the training part", [(NAIVE, "naive = np.mean(np.abs(y_true[season:] - y_true[:-season]))")], 1),
    A("mase", "season ignored: lag-1 naive forecast", [(NAIVE, "naive = np.mean(np.abs(y_train[1:] - y_train[:-1]))")], 1),
    A("mase", "squared errors in both numerator and denominator (MSSE) instead of absolute errors",
      [(MAE, "mae = np.mean((y_true - y_pred) ** 2)"), (NAIVE, "naive = np.mean((y_train[season:] - y_train[:-season]) ** 2)")], 1),
    A("mase", "no absolute value in the naive errors", [(NAIVE, "naive = np.mean(y_train[season:] - y_train[:-season])")], 1),
    A("mase", "numerator is the MAPE (errors divided by y_true)", [(MAE, "mae = np.mean(np.abs((y_true - y_pred) / y_true))")], 1),
    A("mase", "denominator is the mean absolute training value instead of its seasonal differences", [(NAIVE, "naive = np.mean(np.abs(y_train))")], 1),
    A("mase", "np.diff(y_train, n=season): a season-th order difference instead of a lag-season difference",
      [(NAIVE, "naive = np.mean(np.abs(np.diff(y_train, n=season)))")], 1),
    A("mase", "RMSE in the numerator instead of MAE", [(MAE, "mae = np.sqrt(np.mean((y_true - y_pred) ** 2))")], 1),
    A("mase", "sum of absolute errors in the numerator instead of the mean", [(MAE, "mae = np.sum(np.abs(y_true - y_pred))")], 1),
    A("mase", "median absolute error in the numerator instead of the mean", [(MAE, "mae = np.median(np.abs(y_true - y_pred))")], 1),
    # compounds
    A("mase", "ratio inverted, and season ignored (lag 1)",
      [(RET, "return naive / mae"), (NAIVE, "naive = np.mean(np.abs(y_train[1:] - y_train[:-1]))")], 2),
    A("mase", "naive MAE divided by n, and the numerator summed instead of averaged",
      [(NAIVE, "naive = np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train)"), (MAE, "mae = np.sum(np.abs(y_true - y_pred))")], 2),
    A("mase", "seasonal naive on the test values, and no absolute value in it",
      [(NAIVE, "naive = np.mean(y_true[season:] - y_true[:-season])")], 2),
]
