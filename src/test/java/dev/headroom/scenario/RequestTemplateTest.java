package dev.headroom.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {
    private final Random random = new Random(42);

    @Test
    void textWithoutPlaceholdersIsSentAsWrittenBracesIncluded() {
        String json = "{\"name\":\"x\",\"tags\":{\"a\":1}}";
        assertThat(RequestTemplate.parse(json).render(random)).isEqualTo(json);
    }

    @Test
    void aRandomRangeIncludesBothEndsAndNothingOutside() {
        RequestTemplate t = RequestTemplate.parse("/items/${random:3-5}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) seen.add(t.render(random));
        assertThat(seen).containsExactlyInAnyOrder("/items/3", "/items/4", "/items/5");
    }

    @Test
    void placeholdersAreFilledAfreshEachTimeAndUuidsParse() {
        RequestTemplate t = RequestTemplate.parse("{\"id\":\"${uuid}\",\"n\":${random:0-0}}");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String body = t.render(random);
            assertThat(body).endsWith(",\"n\":0}");
            String id = body.substring(7, 43);
            assertThat(UUID.fromString(id).toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void aMistakeSaysWhatIsAccepted() {
        assertThatThrownBy(() -> RequestTemplate.parse("/a/${id}"))
                .hasMessage("unknown placeholder ${id}; accepted: " + RequestTemplate.ACCEPTED);
        assertThatThrownBy(() -> RequestTemplate.parse("/a/${random:9-1}")).hasMessageContaining("FROM must not be");
        assertThatThrownBy(() -> RequestTemplate.parse("/a/${uuid")).hasMessageContaining("unclosed placeholder");
    }
}
