package io.c360.serve.sql;

import io.c360.governance.catalog.TableDocs;
import io.c360.governance.lineage.ColumnInput;
import io.c360.governance.lineage.Datasets;
import io.c360.governance.lineage.PlanLineage;
import io.c360.lake.model.PiiKind;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds which output columns of an analyzed query carry personal data from the query's column
 * lineage ({@link PlanLineage}): a column passed through unchanged has the class of its table
 * column; a text computed from personal data (directly or through a condition) keeps its class,
 * so {@code SELECT upper(email) AS x} is masked as an email, while a number computed from PII
 * ({@code count(DISTINCT email)}, {@code length(email)}) is not. Table columns are classified by the
 * catalog's docs, else by name.
 */
final class PiiLineage {

    /** How one output column must be masked; empty when it carries no personal data. */
    record OutputColumn(String name, Optional<PiiKind> pii) {
    }

    private final TableDocs docs;

    PiiLineage(TableDocs docs) {
        this.docs = docs;
    }

    List<OutputColumn> outputColumns(LogicalPlan analyzed) {
        return PlanLineage.of(analyzed, Datasets.lakeTablesAnd(Map.of())).outputs().stream()
                .map(o -> new OutputColumn(o.name(), piiOf(o).or(() -> PiiKind.ofColumn(o.name())))).toList();
    }

    private Optional<PiiKind> piiOf(PlanLineage.Output column) {
        boolean passedThrough = !column.inputs().isEmpty()
                && column.inputs().stream().allMatch(in -> in.direct() && in.subtype() == ColumnInput.Subtype.IDENTITY);
        if (!passedThrough && !(column.type() instanceof StringType)) {
            return Optional.empty();
        }
        for (ColumnInput in : column.inputs()) {
            Optional<PiiKind> kind = docs.piiKind(in.from().dataset(), in.from().column()).or(() -> PiiKind.ofColumn(in.from().column()));
            if (kind.isPresent()) {
                return kind;
            }
        }
        return Optional.empty();
    }
}
