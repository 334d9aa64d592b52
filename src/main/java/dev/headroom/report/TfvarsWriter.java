package dev.headroom.report;

import dev.headroom.results.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a sizing's Terraform variables (see {@code dev.headroom.report.TerraformVariables}) where
 * {@code terraform plan} finds them without being told: Terraform loads every
 * {@code *.auto.tfvars.json} in the root module's directory by itself, so copying the file next to
 * the module is the whole integration.
 */
public final class TfvarsWriter {
    public static final String FILE_NAME = "capacity.auto.tfvars.json";

    private TfvarsWriter() {}

    /**
     * Writes {@code variables} to {@value #FILE_NAME} in {@code outputDirectory}, pretty-printed,
     * and returns the file.
     *
     * @throws IllegalArgumentException when there are no variables (the sizing recommended no plan)
     *     or one is null: in a tfvars file null sets the variable to null instead of its default,
     *     and the contract for "unknown" is to leave the name out
     */
    public static Path write(Path outputDirectory, Map<String, Object> variables) throws IOException {
        if (variables.isEmpty())
            throw new IllegalArgumentException("no Terraform variables: the sizing recommended no plan");
        variables.forEach((name, value) -> {
            if (value == null) throw new IllegalArgumentException("Terraform variable " + name + " is null");
        });
        Files.createDirectories(outputDirectory);
        Path file = outputDirectory.resolve(FILE_NAME);
        Json.writeAtomically(file, variables);
        return file;
    }
}
