"""Blind wrong attempts at mase."""
from . import BlindAttempt as A

I = "mase"
MAE = "mae = np.mean(np.abs(y_true - y_pred))"
NAIVE = "naive = np.mean(np.abs(y_train[season:] - y_train[:-season]))"
RET = "return mae / naive"
ATTEMPTS = [
    A(I, "ratio inverted: naive MAE / forecast MAE", [(RET, "return naive / mae")], 1),
    A(I, "naive error summed and divided by n instead of n - season",
      [(NAIVE, "naive = np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train)")], 1),
    A(I, "seasonal naive error computed on the test targets instead of the training part",
      [(NAIVE, "naive = np.mean(np.abs(y_true[season:] - y_true[:-season]))")], 1),
    A(I, "season ignored: lag-1 naive forecast (np.diff)", [(NAIVE, "naive = np.mean(np.abs(np.diff(y_train)))")], 1),
    A(I, "squared errors (MSE) for the forecast instead of absolute", [(MAE, "mae = np.mean((y_true - y_pred) ** 2)")], 1),
    A(I, "forecast error summed instead of averaged", [(MAE, "mae = np.sum(np.abs(y_true - y_pred))")], 1),
    A(I, "abs left out of the naive error (signed differences cancel)",
      [(NAIVE, "naive = np.mean(y_train[season:] - y_train[:-season])")], 1),
    A(I, "scaled by the mean absolute training value instead of the seasonal naive error",
      [(NAIVE, "naive = np.mean(np.abs(y_train))")], 1),
    A(I, "ratio inverted AND divided by n instead of n - season",
      [(NAIVE, "naive = np.sum(np.abs(y_train[season:] - y_train[:-season])) / len(y_train)"), (RET, "return naive / mae")], 2),
    A(I, "lag-1 naive (season ignored) AND squared forecast errors",
      [(NAIVE, "naive = np.mean(np.abs(np.diff(y_train)))"), (MAE, "mae = np.mean((y_true - y_pred) ** 2)")], 2),
]
