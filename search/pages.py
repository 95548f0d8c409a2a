"""Django's paginators over a backend's answer, which holds only the current page of hits."""

from collections.abc import Sequence

from search.documents import Hit, SearchResults


class ResultPage(Sequence):
    """A sequence as long as every result, of which only one page is in memory: paginators
    (Django's and DRF's) slice it at the page they computed, which is the one fetched."""

    def __init__(self, results: SearchResults, page: int, per_page: int) -> None:
        self.results = results
        self.offset = (page - 1) * per_page

    def __len__(self) -> int:
        return self.results.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            start = (index.start or 0) - self.offset
            stop = (index.stop if index.stop is not None else len(self)) - self.offset
            return self.results.hits[max(start, 0) : max(stop, 0)]
        return self.results.hits[index - self.offset]

    def hits(self) -> list[Hit]:
        return self.results.hits
