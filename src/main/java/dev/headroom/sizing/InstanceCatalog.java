package dev.headroom.sizing;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The EC2 instance types the sizer may choose from, in catalog order. */
public final class InstanceCatalog {
    private final Map<String, InstanceType> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException when it is empty or names a type twice */
    public InstanceCatalog(Collection<InstanceType> types) {
        if (types.isEmpty()) throw new IllegalArgumentException("an instance catalog needs at least one type");
        for (InstanceType type : types) {
            if (byName.putIfAbsent(type.name(), type) != null) {
                throw new IllegalArgumentException("instance type " + type.name() + " is listed twice");
            }
        }
    }

    public List<InstanceType> all() {
        return List.copyOf(byName.values());
    }

    public Set<String> names() {
        return new LinkedHashSet<>(byName.keySet());
    }

    /** The families present, sorted: {@code c5, c6g, ...}. */
    public Set<String> families() {
        Set<String> families = new TreeSet<>();
        byName.values().forEach(t -> families.add(t.family()));
        return families;
    }

    public Optional<InstanceType> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @throws IllegalArgumentException naming the nearest known types, so a typo is one edit from fixed */
    public InstanceType byName(String name) {
        InstanceType type = byName.get(name);
        if (type != null) return type;
        throw new IllegalArgumentException("unknown instance type '" + name + "'"
                + NearMatches.hint(name, byName.keySet())
                + "; the catalog has the families " + String.join(", ", families()));
    }

    /**
     * The types of the given families; an empty set means every family.
     *
     * @throws IllegalArgumentException for a family the catalog does not have, and when none is left
     */
    public InstanceCatalog withFamilies(Set<String> families) {
        for (String family : families) {
            if (!families().contains(family)) {
                throw new IllegalArgumentException("unknown instance family '" + family + "'"
                        + NearMatches.hint(family, families()) + "; known: " + String.join(", ", families()));
            }
        }
        return filtered(
                families.isEmpty()
                        ? all()
                        : all().stream()
                                .filter(t -> families.contains(t.family()))
                                .toList(),
                "families " + families);
    }

    /** The types of the given architectures; an empty set means both. */
    public InstanceCatalog withArchitectures(Set<Arch> archs) {
        return filtered(
                archs.isEmpty()
                        ? all()
                        : all().stream().filter(t -> archs.contains(t.arch())).toList(),
                "architectures " + archs);
    }

    private static InstanceCatalog filtered(List<InstanceType> kept, String filter) {
        if (kept.isEmpty()) throw new IllegalArgumentException("no instance type in the catalog has " + filter);
        return new InstanceCatalog(kept);
    }
}
