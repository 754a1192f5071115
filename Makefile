# Maintainer targets. `make model` retrains the shipped entity recogniser (resources/models/ner.crfsuite
# and ner.json) from ../shared/corpora/gmb_ner/ner_dataset.csv: about 5 minutes on one core, deterministic.
PYTHON ?= python

.PHONY: model
model:
	$(PYTHON) tools/train_ner.py
