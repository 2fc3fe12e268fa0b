package io.switchboard.metrics.prometheus.internal;

import java.util.ArrayList;
import java.util.List;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Metric families being put together for one scrape: counters and gauges with their samples. */
final class Families {

    private final List<MetricSnapshot> snapshots = new ArrayList<>();

    /** A counter family; {@code name} without {@code _total}, which the text format adds. */
    Samples counter(String name, String help) {
        return new Samples(name, help, true);
    }

    Samples gauge(String name, String help) {
        return new Samples(name, help, false);
    }

    List<MetricSnapshot> snapshots() {
        return snapshots;
    }

    /** The samples of one family; {@link #done()} adds it, unless it has none. */
    final class Samples {
        private final String name;
        private final String help;
        private final boolean counter;
        private final List<CounterDataPointSnapshot> counts = new ArrayList<>();
        private final List<GaugeDataPointSnapshot> values = new ArrayList<>();

        private Samples(String name, String help, boolean counter) {
            this.name = name;
            this.help = help;
            this.counter = counter;
        }

        /** @param labels name, value, name, value, ... */
        Samples add(double value, String... labels) {
            Labels l = Labels.of(labels);
            if (counter) {
                counts.add(CounterDataPointSnapshot.builder().value(value).labels(l).build());
            } else {
                values.add(GaugeDataPointSnapshot.builder().value(value).labels(l).build());
            }
            return this;
        }

        void done() {
            if (counter && !counts.isEmpty()) {
                CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
                counts.forEach(b::dataPoint);
                snapshots.add(b.build());
            } else if (!counter && !values.isEmpty()) {
                GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
                values.forEach(b::dataPoint);
                snapshots.add(b.build());
            }
        }
    }
}
