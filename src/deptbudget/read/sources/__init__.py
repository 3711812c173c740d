"""Sources: a disclosure file turned into a stream of numbered, paged lines (:mod:`.text`)."""
