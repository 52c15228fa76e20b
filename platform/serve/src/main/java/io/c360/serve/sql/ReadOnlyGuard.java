package io.c360.serve.sql;

import io.c360.lake.LakeSession;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTable;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableOrView;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedView;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lets through only reads of the lake. The statement must start with SELECT, WITH, SHOW or
 * DESCRIBE; Spark's own parser then turns it into a plan, and the whole plan (sub-queries and CTEs
 * included) must contain no command or write, no relation outside the lake's namespaces (which
 * rules out file paths such as {@code csv.`/etc/passwd`}), no script transformation and no function
 * that reaches the JVM or the file system.
 */
public final class ReadOnlyGuard {

    private static final Set<String> FIRST_WORDS = Set.of("select", "with", "show", "describe", "desc");
    private static final Set<String> METADATA_STATEMENTS = Set.of("ShowTables", "ShowTablesExtended", "ShowNamespaces",
            "ShowColumns", "DescribeRelation", "DescribeColumn", "ShowTableProperties", "ShowFunctions",
            "DescribeNamespace", "ShowViews", "ShowCreateTable", "DescribeFunction", "ShowPartitions");
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect",
            "input_file_name", "input_file_block_start", "input_file_block_length", "read_files");
    private static final Set<String> TABLE_FUNCTIONS = Set.of("range", "explode", "explode_outer", "inline",
            "inline_outer", "posexplode", "posexplode_outer", "stack", "json_tuple");

    private final SparkSession spark;

    public ReadOnlyGuard(SparkSession spark) {
        this.spark = spark;
    }

    /** Parses the statement and throws {@link SqlRejectedException} unless it only reads the lake. */
    public void check(String sql) {
        String first = firstWord(sql);
        if (!FIRST_WORDS.contains(first)) {
            throw new SqlRejectedException("only read-only statements are allowed (SELECT, WITH, SHOW, DESCRIBE); this one starts with '"
                    + first.toUpperCase(Locale.ROOT) + "'");
        }
        LogicalPlan plan;
        try {
            plan = spark.sessionState().sqlParser().parsePlan(sql);
        } catch (ParseException e) {
            throw new SqlRejectedException("SQL syntax error: " + e.getMessage());
        }
        if (first.equals("show") || first.startsWith("desc")) {
            if (!METADATA_STATEMENTS.contains(plan.getClass().getSimpleName())) {
                throw new SqlRejectedException("this SHOW/DESCRIBE statement (" + plan.nodeName() + ") is not allowed");
            }
        } else if (plan instanceof Command) {
            throw new SqlRejectedException("only queries are allowed, not " + plan.nodeName());
        }
        checkTree(plan);
    }

    private void checkTree(LogicalPlan plan) {
        if (plan instanceof InsertIntoStatement || (plan instanceof Command && !METADATA_STATEMENTS.contains(plan.getClass().getSimpleName()))) {
            throw new SqlRejectedException("writes and commands are not allowed (" + plan.nodeName() + ")");
        }
        if (plan instanceof ScriptTransformation) {
            throw new SqlRejectedException("TRANSFORM ... USING runs a program on the server and is not allowed");
        }
        if (plan instanceof UnresolvedRelation r) {
            checkRelation(list(r.multipartIdentifier()));
        } else if (plan instanceof UnresolvedTableOrView r) {
            checkRelation(list(r.multipartIdentifier()));
        } else if (plan instanceof UnresolvedTable r) {
            checkRelation(list(r.multipartIdentifier()));
        } else if (plan instanceof UnresolvedView r) {
            checkRelation(list(r.multipartIdentifier()));
        } else if (plan instanceof UnresolvedTableValuedFunction f) {
            String name = String.join(".", list(f.name())).toLowerCase(Locale.ROOT);
            if (!TABLE_FUNCTIONS.contains(name)) {
                throw new SqlRejectedException("table function " + name + " is not allowed");
            }
        }
        for (Expression e : ReadOnlyGuard.<Expression>list(plan.expressions())) {
            checkExpression(e);
        }
        for (LogicalPlan child : ReadOnlyGuard.<LogicalPlan>list(plan.children())) {
            checkTree(child);
        }
        for (QueryPlan<?> inner : ReadOnlyGuard.<QueryPlan<?>>list(plan.innerChildren())) {
            if (inner instanceof LogicalPlan p) {
                checkTree(p);
            }
        }
        for (LogicalPlan sub : ReadOnlyGuard.<LogicalPlan>list(plan.subqueries())) {
            checkTree(sub);
        }
    }

    private void checkExpression(Expression e) {
        if (e instanceof UnresolvedFunction f) {
            List<String> parts = ReadOnlyGuard.<String>list(f.nameParts());
            String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
            if (FORBIDDEN_FUNCTIONS.contains(name)) {
                throw new SqlRejectedException("function " + name + " reaches outside the lake and is not allowed");
            }
        }
        for (Expression child : ReadOnlyGuard.<Expression>list(e.children())) {
            checkExpression(child);
        }
    }

    /** Tables must live in the lake: stage, analytics or ops (optionally prefixed by the catalog); one-part names are CTEs or views. */
    private static void checkRelation(List<String> parts) {
        List<String> p = parts.size() > 1 && parts.get(0).equalsIgnoreCase(LakeSession.CATALOG) ? parts.subList(1, parts.size()) : parts;
        if (p.size() == 1 && parts.size() == 1) {
            return;
        }
        if (p.size() < 2 || !LakeSession.NAMESPACES.contains(p.get(0).toLowerCase(Locale.ROOT))) {
            throw new SqlRejectedException("'" + String.join(".", parts) + "' is outside the lake: tables must be in "
                    + String.join(", ", LakeSession.NAMESPACES));
        }
    }

    static String firstWord(String sql) {
        String s = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").trim();
        while (s.startsWith("(")) {
            s = s.substring(1).trim();
        }
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) {
            end++;
        }
        return s.substring(0, end).toLowerCase(Locale.ROOT);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object seq) {
        return JavaConverters.seqAsJavaList((Seq<T>) seq);
    }
}
