package io.switchboard.cdr.search.solr.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.CursorMarkParams;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrIndex;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.InvalidQueryException;
import io.switchboard.cdr.api.SearchResult;
import io.switchboard.search.lucene.QueryText;

/**
 * The CDR index on a Solr Cloud collection, shared by every server on one database: each server
 * adds the records it stores, and a search through any server finds every server's records. Only
 * active when configured; it then ranks above the embedded Lucene index. The database stays the
 * truth: while Solr cannot be reached, additions and deletions wait in an {@link Outbox} and are
 * sent when it answers again, and a rebuild fills the collection from the database.
 */
@Component(configurationPid = SolrCdrIndex.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = "service.ranking:Integer=100")
@Designate(ocd = SolrCdrIndex.Config.class)
public class SolrCdrIndex implements CdrIndex {

    static final String PID = "io.switchboard.cdr.search.solr";
    /** Records a page of a deep scroll holds. */
    private static final int SCROLL = 1000;
    private static final int FACET_VALUES = 50;

    @ObjectClassDefinition(name = "Switchboard CDR search index (Solr Cloud)",
            description = "Call-record search on a Solr Cloud collection instead of the embedded Lucene index")
    @interface Config {
        @AttributeDefinition(name = "Solr nodes", description = "Base URLs of Solr nodes, comma-separated: "
                + "http://solr1:8983/solr,http://solr2:8983/solr; any node serves the whole collection")
        String urls();

        @AttributeDefinition(name = "Collection", description = "Created with the configset in "
                + "io.switchboard.cdr.search.solr/solr/conf")
        String collection() default "cdr";

        @AttributeDefinition(name = "User", required = false, description = "For Solr's basic authentication")
        String user() default "";

        @AttributeDefinition(name = "Password", required = false, type = AttributeType.PASSWORD)
        String password() default "";

        @AttributeDefinition(name = "Timeout (s)", description = "For one request to one node")
        int timeoutSeconds() default 30;

        @AttributeDefinition(name = "Outbox limit", description = "Records' index work held while Solr cannot "
                + "be reached; past it the oldest is dropped and a rebuild from the database restores it")
        int outboxLimit() default 500_000;
    }

    private final SolrNodes nodes;
    private final Outbox outbox;
    private volatile SolrQueryText queries;

    @Activate
    public SolrCdrIndex(Config config) {
        List<String> urls = Arrays.stream(config.urls().split(",")).map(String::trim).filter(u -> !u.isEmpty())
                .toList();
        if (urls.isEmpty() || urls.stream().anyMatch(u -> !u.startsWith("http://") && !u.startsWith("https://"))) {
            throw new IllegalArgumentException("Invalid setting " + PID + " urls='" + config.urls()
                    + "': Solr base URLs such as http://solr1:8983/solr, comma-separated");
        }
        if (config.outboxLimit() < 1 || config.timeoutSeconds() < 1) {
            throw new IllegalArgumentException("Invalid setting " + PID + ": outboxLimit and timeoutSeconds must be "
                    + "at least 1");
        }
        this.nodes = new SolrNodes(urls, config.collection(), config.user(), config.password(),
                config.timeoutSeconds());
        this.outbox = new Outbox(config.outboxLimit(), new Landing(nodes::troubleAt, System::nanoTime, this::present,
                config.outboxLimit()));
    }

    @Deactivate
    void close() {
        outbox.close();
        nodes.close();
    }

    @Override
    public void add(Collection<CallRecord> records) {
        if (!records.isEmpty()) {
            outbox.send(IndexWork.adding(nodes, records.stream().map(SolrDocuments::toDocument).toList()));
        }
    }

    @Override
    public void delete(Collection<String> ids) {
        if (!ids.isEmpty()) {
            outbox.send(IndexWork.deleting(nodes, List.copyOf(ids)));
        }
    }

    @Override
    public SearchResult search(CdrQuery q) {
        SolrQuery query = query(q);
        query.setStart(q.offset());
        query.setRows(q.limit());
        for (String dim : q.facets()) {
            String field = SolrFields.FACETS.get(dim);
            if (field == null) {
                throw new InvalidQueryException("No facet '" + dim + "'; facets: "
                        + String.join(", ", new TreeSet<>(SolrFields.FACETS.keySet())));
            }
            query.addFacetField(field);
        }
        if (!q.facets().isEmpty()) {
            query.setFacetLimit(FACET_VALUES);
            query.setFacetMinCount(1);
        }
        QueryResponse response = run(query, q.query());
        List<CallRecord> page = new ArrayList<>();
        for (SolrDocument d : response.getResults()) {
            page.add(SolrDocuments.fromJson((String) d.getFirstValue(SolrFields.RECORD)));
        }
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        for (String dim : q.facets()) {
            Map<String, Long> counts = new LinkedHashMap<>();
            FacetField f = response.getFacetField(SolrFields.FACETS.get(dim));
            if (f != null && f.getValues() != null) {
                f.getValues().forEach(c -> counts.put(dim.equals("hour") && c.getName().length() == 1 ? "0" + c.getName()
                        : c.getName(), c.getCount()));
            }
            facets.put(dim, counts);
        }
        return new SearchResult(response.getResults().getNumFound(), page, facets);
    }

    @Override
    public void forEach(CdrQuery q, Consumer<CallRecord> action) {
        SolrQuery query = query(q);
        query.setRows(SCROLL);
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            query.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse response = run(query, q.query());
            for (SolrDocument d : response.getResults()) {
                action.accept(SolrDocuments.fromJson((String) d.getFirstValue(SolrFields.RECORD)));
            }
            String next = response.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                return;
            }
            cursor = next;
        }
    }

    @Override
    public long count() {
        SolrQuery all = new SolrQuery("*:*");
        all.setRows(0);
        return run(all, "*").getResults().getNumFound();
    }

    @Override
    public List<String> sampleIds(int max) {
        SolrQuery all = new SolrQuery("*:*");
        all.setRows(Math.max(1, max));
        all.setFields("id");
        List<String> ids = new ArrayList<>();
        run(all, "*").getResults().forEach(d -> ids.add(String.valueOf(d.getFirstValue("id"))));
        return ids;
    }

    @Override
    public void clear() {
        UpdateRequest clear = new UpdateRequest();
        clear.deleteByQuery("*:*");
        clear.setAction(UpdateRequest.ACTION.COMMIT, true, true);
        nodes.request(clear);
    }

    private SolrQuery query(CdrQuery q) {
        SolrQuery query = new SolrQuery(queries().toSolr(q.query()));
        // the query comes written out: required clauses carry their +, and a bare clause is optional
        query.set("q.op", "OR");
        query.set("df", SolrFields.TEXT);
        String field = q.sort() == null ? "start" : q.sort();
        if (!queries().sortable(field)) {
            throw new InvalidQueryException("Cannot sort by '" + field + "'; sortable: start, answer, end, duration, "
                    + "billable, pdd, sipCode, mos, jitter, loss, rtt");
        }
        query.addSort(field, q.descending() ? SolrQuery.ORDER.desc : SolrQuery.ORDER.asc);
        query.addSort("id", SolrQuery.ORDER.asc); // ties in one order on every page, as a deep scroll needs
        query.setFields(SolrFields.RECORD);
        return query;
    }

    private QueryResponse run(SolrQuery query, String asTyped) {
        try {
            return nodes.request(new QueryRequest(query, SolrRequest.METHOD.POST));
        } catch (SolrException e) {
            // Solr's message names the node and repeats its grammar: the line that says what is wrong
            String why = QueryText.firstLine(e.getMessage());
            throw new InvalidQueryException("Invalid query '" + asTyped + "': " + why.substring(why.indexOf(": ") + 2), e);
        }
    }

    /** The schema is read once Solr first answers: a server starts while Solr is down. */
    private SolrQueryText queries() {
        SolrQueryText q = queries;
        if (q == null) {
            q = new SolrQueryText(SolrFields.of(nodes.request(new SchemaRequest.Fields()).getFields()));
            queries = q;
        }
        return q;
    }

    /** @return which of these records the collection holds (searchable ones) */
    private Set<String> present(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        List<String> all = List.copyOf(ids);
        for (int i = 0; i < all.size(); i += SCROLL) {
            List<String> part = all.subList(i, Math.min(all.size(), i + SCROLL));
            // the store's ids are hexadecimal: a comma never occurs in one
            SolrQuery lookup = new SolrQuery("{!terms f=id}" + String.join(",", part));
            lookup.setRows(part.size());
            lookup.setFields("id");
            nodes.request(new QueryRequest(lookup, SolrRequest.METHOD.POST)).getResults()
                    .forEach(d -> found.add(String.valueOf(d.getFirstValue("id"))));
        }
        return found;
    }
}
