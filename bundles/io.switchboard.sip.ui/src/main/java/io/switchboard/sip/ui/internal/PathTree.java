package io.switchboard.sip.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.TreeItem;

import com.fasterxml.jackson.databind.JsonNode;

/** A call's path from the route simulator, as tree items: each step, its ringing members, then each branch. */
final class PathTree {

    private PathTree() {
    }

    static void fill(TreeItem item, JsonNode node) {
        item.setText(node.path("step").asText() + (node.hasNonNull("rings") ? ": " + node.path("rings").asText() : ""));
        for (JsonNode step : node.path("members")) {
            new TreeItem(item, SWT.NONE).setText("rings " + step.asText());
        }
        for (JsonNode branch : node.path("then")) {
            TreeItem b = new TreeItem(item, SWT.NONE);
            b.setText("when " + branch.path("when").asText() + (branch.hasNonNull("forward") ? ": forwarded "
                    + branch.path("forward").asText() : "") + (branch.hasNonNull("step") ? ": " + branch.path("step")
                            .asText() : ""));
            if (branch.path("path").isObject()) {
                fill(new TreeItem(b, SWT.NONE), branch.path("path"));
            }
        }
    }

    /** Opens every item, from the root down: an item opens only under an open parent. */
    static void expand(TreeItem item) {
        item.setExpanded(true);
        for (TreeItem child : item.getItems()) {
            expand(child);
        }
    }
}
