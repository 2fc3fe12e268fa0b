package io.switchboard.cdr.ui.internal;

import java.util.List;
import java.util.Locale;

import org.eclipse.jface.bindings.keys.KeyStroke;
import org.eclipse.jface.fieldassist.ComboContentAdapter;
import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.IContentProposalProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;

/**
 * Completion of the query language's field names (Ctrl+Space, or as a word is typed) and its
 * syntax in a few lines, as the admin guide gives them.
 */
final class QueryAssist implements IContentProposalProvider {

    static final List<String> FIELDS = List.of("caller", "callee", "did", "callId", "trunk", "trunkIn", "trunkOut",
            "disposition", "direction", "hangup", "codec", "source", "sourceId", "id", "sipCode", "duration",
            "billable", "pdd", "mos", "jitter", "loss", "rtt", "start", "answer", "end", "hour", "callerName", "reason", "tag");

    static final String HELP = """
            field:value, joined with AND, OR, NOT and brackets; free words search names, reasons and tags.
            Numbers: callee:+4420*  (begins)  callee:*4567  (ends)  caller:*555*  (contains)
            Ranges: duration:[60 TO *]  start:[2026-11-01 TO 2026-11-02]  (a date is a whole UTC day)
            Hour of day (UTC) on any day: hour:14  hour:[22 TO 6]
            Dispositions: answered, busy, no_answer, failed, cancelled.  Codes: sipCode:486
            Quality: mos:[* TO 3.5]  jitter:[30 TO *]  loss:[1 TO *]
            Fields: """ + String.join(", ", FIELDS) + "\nCtrl+Space completes a field name.";

    static void attach(Combo query) {
        ContentProposalAdapter adapter = new ContentProposalAdapter(query, new ComboContentAdapter(), new QueryAssist(),
                KeyStroke.getInstance(SWT.CTRL, ' '), null);
        adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_INSERT);
    }

    @Override
    public IContentProposal[] getProposals(String contents, int position) {
        int start = position;
        while (start > 0 && Character.isLetter(contents.charAt(start - 1))) {
            start--;
        }
        String word = contents.substring(start, position).toLowerCase(Locale.ROOT);
        return FIELDS.stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(word))
                .map(f -> new ContentProposal(f.substring(word.length()) + ":", f + ":", null))
                .toArray(IContentProposal[]::new);
    }
}
