package dev.baton.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * One task of an explicit plan sent over HTTP.
 *
 * @param priority HIGH, MED or LOW (MED when absent)
 * @param after ids ({@code T-002}) or positions in this list ({@code #1}) that must be COMPLETED
 *     first
 */
public record TaskInput(
    @NotBlank String description,
    @Pattern(regexp = "(?i)HIGH|MED|MEDIUM|LOW", message = "must be HIGH, MED or LOW")
        String priority,
    List<
            @NotNull
            @Pattern(
                regexp = "(?i)T-\\d{3,}|#\\d+",
                message = "must be a task id like T-002 or a position like #1")
            String>
        after) {}
