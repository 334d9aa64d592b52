package dev.headroom.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecommendationTest {
    private static Recommendation plan(String type, int nodes, int peak, int max, int pool, String db, double target) {
        return new Recommendation("EKS", type, nodes, 3, peak, max, pool, db, target);
    }

    @Test
    void theSamePlanHasNoChanges() {
        Recommendation a = plan("t3a.small", 3, 4, 5, 4, "db.t3.micro", 0.69);
        assertThat(a.changesFrom(a)).isEmpty();
    }

    @Test
    void eachChangeIsOnePhraseInTheDeployersWords() {
        Recommendation before = plan("t3a.small", 3, 4, 5, 4, "db.t3.micro", 0.69);
        Recommendation after = plan("t3a.medium", 2, 5, 6, 3, "db.t3.small", 0.60);
        assertThat(after.changesFrom(before))
                .containsExactly(
                        "instance type t3a.small → t3a.medium",
                        "one fewer node at peak (3 → 2)",
                        "one more replica at peak (4 → 5)",
                        "replicas min–max 3–5 → 3–6",
                        "a smaller pool (4 → 3 per replica)",
                        "database class db.t3.micro → db.t3.small",
                        "CPU target 69 % → 60 %");
    }

    @Test
    void theBriefNamesWhatADeployerSets() {
        assertThat(plan("t3a.small", 3, 4, 5, 4, "db.t3.micro", 0.69).brief())
                .isEqualTo("3 × t3a.small, replicas 3/4/5, pool 4, db.t3.micro, CPU target 69 %");
    }
}
