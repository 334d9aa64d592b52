package dev.headroom.sizing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.search.SearchStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The model spells run.json's search statuses itself (it depends on nothing): held to the search's own. */
class SearchEndNamesTest {
    @Test
    void everySearchStatusReadsAsTheSameEnd() {
        for (SearchStatus s : SearchStatus.values())
            assertThat(SearchEnd.fromJson(s.jsonName()).map(Enum::name)).contains(s.name());
        assertThat(Arrays.stream(SearchEnd.values()).map(SearchEnd::jsonName))
                .containsExactlyElementsOf(Arrays.stream(SearchStatus.values())
                        .map(SearchStatus::jsonName)
                        .toList());
        assertThat(SearchEnd.fromJson("searching")).isEmpty();
    }
}
