package io.switchboard.console.ui.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.di.annotations.Creatable;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

import io.switchboard.console.ui.NavigatorContribution;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The navigator's nodes under each server: the views whose parts carry the tag
 * {@code navigator:<rank>} in their fragments, and the nodes with objects areas and plugins register
 * as {@link NavigatorContribution} services (a plugin installed or removed while the console runs
 * shows or goes at once); by rank, then label.
 */
@Creatable
@Singleton
public class NavigatorAreas {

    static final String TAG = "navigator:";

    /** A view a fragment put into the navigator with its part's tag. */
    record TaggedView(String label, int rank, String viewId) implements NavigatorContribution {
    }

    private final ServiceTracker<NavigatorContribution, NavigatorContribution> tracker;
    private final MApplication application;
    private final EModelService models;

    @Inject
    public NavigatorAreas(IEventBroker events, MApplication application, EModelService models) {
        this.application = application;
        this.models = models;
        BundleContext context = FrameworkUtil.getBundle(NavigatorAreas.class).getBundleContext();
        tracker = new ServiceTracker<>(context, NavigatorContribution.class, null) {
            @Override
            public NavigatorContribution addingService(ServiceReference<NavigatorContribution> reference) {
                NavigatorContribution added = super.addingService(reference);
                events.post(ServerRegistry.TOPIC, Map.of());
                return added;
            }

            @Override
            public void removedService(ServiceReference<NavigatorContribution> reference, NavigatorContribution service) {
                super.removedService(reference, service);
                events.post(ServerRegistry.TOPIC, Map.of());
            }
        };
        tracker.open();
    }

    /** @return the nodes by rank, then label; a service showing a view stands for that view's tag */
    public List<NavigatorContribution> list() {
        List<NavigatorContribution> all = new ArrayList<>(List.of(tracker.getServices(new NavigatorContribution[0])));
        List<String> served = all.stream().map(NavigatorContribution::viewId).toList();
        for (MPart part : models.findElements(application, null, MPart.class, null)) {
            part.getTags().stream().filter(t -> t.startsWith(TAG)).findFirst()
                    .filter(t -> !served.contains(part.getElementId()))
                    .ifPresent(t -> all.add(new TaggedView(part.getLabel(), rank(t), part.getElementId())));
        }
        return all.stream().sorted(Comparator.comparingInt(NavigatorContribution::rank)
                .thenComparing(NavigatorContribution::label)).toList();
    }

    private static int rank(String tag) {
        try {
            return Integer.parseInt(tag.substring(TAG.length()).trim());
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    @PreDestroy
    void close() {
        tracker.close();
    }
}
