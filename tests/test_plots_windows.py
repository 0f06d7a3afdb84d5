"""The window figure shades exactly the rows make_windows puts in X[sample] and the cell it puts in y[sample]."""
import numpy as np
import pytest
from matplotlib.figure import Figure

from lstmlab.plots.windows import windows_figure
from lstmlab.data.windows import make_windows


def shaded(fig, role):
    """(row, column) -> drawn value, for every cell drawn with this role."""
    ax = fig.axes[0]
    cells = {(int(p.get_y()), int(p.get_x())) for p in ax.patches if p.get_gid() == role}
    centers = [(t.get_position(), t.get_text()) for t in ax.texts]
    texts = {(int(py - 0.5), int(px - 0.5)): text for (px, py), text in centers if px % 1 == 0.5 and py % 1 == 0.5}
    return {cell: float(texts[cell]) for cell in cells}


@pytest.mark.parametrize("timesteps, sample, target_column", [(1, 0, -1), (2, 3, -1), (3, 1, 0)])
def test_shaded_cells_are_the_window(timesteps, sample, target_column):
    abcd = np.arange(40).reshape(10, 4)  # row t = [A(t), B(t), C(t), D(t)]
    fig = windows_figure(abcd, timesteps, sample=sample, target_column=target_column, columns="ABCD")
    assert isinstance(fig, Figure)
    x, y = make_windows(abcd, timesteps, target_column)
    inputs = shaded(fig, "input")
    assert sorted(inputs.values()) == sorted(x[sample].ravel().tolist())
    (target,) = shaded(fig, "target").values()
    assert target == y[sample]


def test_bad_sample_is_explained():
    with pytest.raises(ValueError, match="number of windows"):
        windows_figure(np.ones((5, 2)), 2, sample=3)
