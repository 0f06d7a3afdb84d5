# Two commands for a newcomer: `make lab` opens the course, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.lstmlab-installed

.PHONY: lab test exercises check-exercises bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lab: $(STAMP)  ## set up, then open the course in JupyterLab
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: $(STAMP)  ## set up, then run every test: unit, Keras oracle, grader, notebooks, browser
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider tests notebooks solutions exercises

exercises: $(STAMP)  ## regenerate exercises/ from solutions/ (refuses to overwrite learner edits)
	$(BIN)/lstmlab build-exercises

bench: $(STAMP)  ## the scripts behind every performance figure (this machine's numbers)
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
