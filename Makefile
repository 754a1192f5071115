# Maintainer targets. `make model` rebuilds the word clusters (resources/models/ner-clusters.tsv.gz, from the
# unlabelled BBC, AG News and GMB training text under ../shared/corpora; about a minute, seeded) and then
# retrains the shipped entity recogniser (resources/models/ner.crfsuite and ner.json) from
# ../shared/corpora/gmb_ner/ner_dataset.csv and the hand-annotated news in tools/data/ (texts read from
# ../shared/corpora/bbc and ag_news): about 15 minutes on one core, deterministic.
PYTHON ?= python

.PHONY: model clusters plain-words
# The plain-word list the entity rules use to recognise a Title Case headline (seconds; counts only).
plain-words:
	$(PYTHON) tools/build_plain_words.py

clusters:
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 $(PYTHON) tools/build_clusters.py

model: clusters
	$(PYTHON) tools/train_ner.py
