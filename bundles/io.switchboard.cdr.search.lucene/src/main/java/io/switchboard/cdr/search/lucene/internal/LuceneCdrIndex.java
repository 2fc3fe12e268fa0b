package io.switchboard.cdr.search.lucene.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import io.switchboard.cdr.api.CallRecord;
import io.switchboard.cdr.api.CdrIndex;
import io.switchboard.cdr.api.CdrQuery;
import io.switchboard.cdr.api.SearchResult;

/**
 * The CDR index on Lucene, in {@code <data>/index/cdr} unless configured. A corrupt or unreadable
 * index is moved aside and started empty; the CDR service notices the count differs from the
 * database and rebuilds it.
 */
@Component(configurationPid = LuceneCdrIndex.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LuceneCdrIndex.Config.class)
public class LuceneCdrIndex implements CdrIndex {

    static final String PID = "io.switchboard.cdr.search.lucene";
    private static final Logger LOG = System.getLogger(LuceneCdrIndex.class.getName());

    @ObjectClassDefinition(name = "Switchboard CDR search index (Lucene)")
    @interface Config {
        @AttributeDefinition(name = "Index folder", required = false,
                description = "Empty: index/cdr in the server's data folder")
        String folder() default "";
    }

    private final LuceneIndex index;

    @Activate
    public LuceneCdrIndex(BundleContext context, Config config) throws IOException {
        Path folder = config.folder().isBlank()
                ? Path.of(String.valueOf(context.getProperty("switchboard.data")), "index", "cdr")
                : Path.of(config.folder());
        this.index = open(folder);
    }

    LuceneCdrIndex(LuceneIndex index) {
        this.index = index;
    }

    static LuceneIndex open(Path folder) throws IOException {
        Files.createDirectories(folder);
        try {
            return new LuceneIndex(folder);
        } catch (CorruptIndexException | IndexFormatTooOldException e) {
            Path aside = folder.resolveSibling(folder.getFileName() + ".corrupt-" + System.currentTimeMillis());
            Files.move(folder, aside);
            LOG.log(Level.WARNING, "The CDR index in " + folder + " is unreadable (" + e.getMessage()
                    + "); moved to " + aside + " and starting empty: it is rebuilt from the database");
            Files.createDirectories(folder);
            return new LuceneIndex(folder);
        }
    }

    @Deactivate
    void close() {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void add(Collection<CallRecord> records) {
        index.add(records);
    }

    @Override
    public void delete(Collection<String> ids) {
        index.delete(ids);
    }

    @Override
    public SearchResult search(CdrQuery query) {
        return index.search(query);
    }

    @Override
    public void forEach(CdrQuery query, Consumer<CallRecord> action) {
        index.forEach(query, action);
    }

    @Override
    public long count() {
        return index.count();
    }

    @Override
    public List<String> sampleIds(int max) {
        return index.sampleIds(max);
    }

    @Override
    public void clear() {
        index.clear();
    }
}
