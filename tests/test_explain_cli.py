"""`lstmlab explain` on a saved .keras file and on a .py snippet."""
import pytest

from lstmlab.cli import main

pytestmark = pytest.mark.keras


def test_cli_on_a_saved_keras_file(keras, tmp_path, capsys):
    L = keras.layers
    model = keras.Sequential([keras.Input((4, 3)), L.LSTM(8, activation="relu", return_sequences=True, name="rnn"),
                              L.Dense(2, name="head")])
    path = tmp_path / "model.keras"
    model.save(path)
    assert main(["explain", str(path)]) == 1  # findings -> exit status 1
    out = capsys.readouterr().out
    assert "rnn (LSTM)" in out and "4 x (8 x (3 + 8) + 8) = 384" in out
    assert "relu" in out and "Dense comes after rnn" in out


def test_cli_on_a_clean_saved_model(keras, tmp_path, capsys):
    model = keras.Sequential([keras.Input((4, 3)), keras.layers.LSTM(8), keras.layers.Dense(1)])
    path = tmp_path / "clean.keras"
    model.save(path)
    assert main(["explain", str(path)]) == 0
    assert "Findings: none" in capsys.readouterr().out


def test_cli_on_a_snippet(keras, tmp_path, capsys):
    path = tmp_path / "seed000.py"
    path.write_text("model = Sequential()\nmodel.add(LSTM(64, input_shape=(10, 2), return_sequences=True))\n"
                    "model.add(LSTM(32, input_shape=(10, 2)))\n", encoding="utf-8")
    assert main(["explain", str(path)]) == 1
    out = capsys.readouterr().out
    assert "keras.Input(shape=(10, 2))" in out and "input_shape=(10, 2) is ignored" in out


def test_cli_errors_are_messages(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "missing.keras")]) == 2
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.keras"
    bad.write_text("not a model")
    assert main(["explain", str(bad)]) == 2
    assert "could not load" in capsys.readouterr().err
    junk = tmp_path / "junk.py"
    junk.write_text("print('hi')")
    assert main(["explain", str(junk)]) == 2
    assert "Can't translate this" in capsys.readouterr().out
