# Two commands for a newcomer: `make lab` opens the course, `make test` runs every test.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.lstmlab-installed
# Extra options for jupyter lab, e.g. `make lab LAB_ARGS="--no-browser --port=8890"`.
LAB_ARGS ?=
# Jupyter refuses to start as root (Docker, many cloud machines) unless told --allow-root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# The file browser shows the whole course (notebooks/, exercises/, solutions/), not only notebooks/.
# notebook_shim only maps old NotebookApp settings onto ServerApp, and reading them at start-up prints
# "ServerApp.token config is deprecated" to every newcomer; the course needs none of them.
LAB_OPTIONS = $(ALLOW_ROOT) --ServerApp.root_dir=. --ServerApp.jpserver_extensions=notebook_shim=False

.PHONY: lab test exercises check-exercises bench widget-state clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lab: $(STAMP)  ## set up, then open the course in JupyterLab
	$(BIN)/jupyter lab $(LAB_OPTIONS) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(STAMP)  ## set up, then run every test: unit, Keras oracle, grader, notebooks, browser
	$(BIN)/python -m pytest -n 2 --dist loadfile --nbval-lax -p no:cacheprovider tests notebooks solutions exercises

exercises: $(STAMP)  ## regenerate exercises/ from solutions/ (refuses to overwrite learner edits)
	$(BIN)/lstmlab build-exercises

widget-state: $(STAMP)  ## re-execute the lessons that show explorers, saving their widget state (for viewers without a kernel)
	$(BIN)/python -m lstmlab.explore.widget_state

bench: $(STAMP)  ## the scripts behind every performance figure (this machine's numbers)
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info
