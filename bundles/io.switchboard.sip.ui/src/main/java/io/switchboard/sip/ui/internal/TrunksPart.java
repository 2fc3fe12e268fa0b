package io.switchboard.sip.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Text;

import io.switchboard.console.ui.widgets.Columns;
import io.switchboard.console.ui.widgets.FieldForm;
import io.switchboard.mgmt.client.ManagementException;
import io.switchboard.mgmt.client.SipClient;
import io.switchboard.mgmt.client.SipClient.TrunkView;
import io.switchboard.sip.api.provisioning.MediaEncryption;
import io.switchboard.sip.api.provisioning.Trunk;

/**
 * The trunks editor. The carrier password is write-only: the field starts empty, says whether one
 * is stored, and what is typed goes to the server and is never shown or kept by the console.
 */
public class TrunksPart extends RecordEditorPart<TrunkView> implements Versioned<TrunkView> {

    private Text name;
    private Text host;
    private Text port;
    private Combo transport;
    private Text authUser;
    private Text password;
    private Button register;
    private Text registerExpires;
    private Text addresses;
    private Text callerId;
    private Button pai;
    private Text codecs;
    private Text maxChannels;
    private Button probe;
    private Button enabled;
    private Text tlsPin;
    private Combo mediaEncryption;
    /** What the password field held when Save was pressed, read on the UI thread. */
    private String secret;
    /** The server's warnings of each trunk, read with the list. */
    private volatile Map<String, List<String>> warnings = Map.of();
    /** The version of the trunk the form shows: a save made against it is refused over another admin's change. */
    private long shownVersion;

    public TrunksPart() {
        super("trunk", "trunks");
    }

    @Override
    String key(TrunkView t) {
        return t.trunk().name();
    }

    @Override
    String searchText(TrunkView t) {
        return t.trunk().name() + " " + t.trunk().host() + " " + t.stateText();
    }

    @Override
    void columns(TableViewer v) {
        Columns.add(v, "Name", 120, (TrunkView t) -> t.trunk().name());
        Columns.add(v, "Host", 150, (TrunkView t) -> t.trunk().host() + ":" + t.trunk().port());
        Columns.add(v, "Transport", 70, (TrunkView t) -> t.trunk().transport());
        Columns.add(v, "State", 70, (TrunkView t) -> t.stateText());
        Columns.add(v, "Enabled", 60, (TrunkView t) -> t.trunk().enabled() ? "yes" : "no");
    }

    @Override
    void fields(FieldForm f) {
        name = f.text("name", "Name:", "carrier-a");
        host = f.text("host", "Host:", "sip.carrier.example");
        port = f.text("port", "Port:", "5060");
        transport = f.choice("transport", "Transport:", "udp", "tcp", "tls");
        authUser = f.text("authUser", "Auth user:", "account at the carrier");
        password = f.password("password", "Password:", "");
        register = f.check("register", "Register with the carrier");
        registerExpires = f.text("registerExpires", "Registration expiry (s):", "3600");
        addresses = f.text("addresses", "Addresses:", "the carrier's source addresses, comma-separated");
        callerId = f.text("callerId", "Caller ID:", "+4420…, presented on outbound calls");
        pai = f.check("pai", "Send P-Asserted-Identity");
        codecs = f.text("codecs", "Codecs:", "PCMU, PCMA");
        maxChannels = f.text("maxChannels", "Max channels:", "0 for no limit");
        probe = f.check("probe", "Probe with OPTIONS");
        enabled = f.check("enabled", "Enabled");
        tlsPin = f.text("tlsPin", "Pinned certificate:", "tls only: SHA-256 fingerprint; empty: trusted authorities");
        mediaEncryption = f.choice("mediaEncryption", "Media encryption:", "required (SRTP, tls only)", "optional",
                "off");
    }

    @Override
    void show(TrunkView view) {
        Trunk t = view == null ? null : view.trunk();
        shownVersion = t == null ? 0 : t.version();
        name.setText(t == null ? "" : t.name());
        host.setText(t == null ? "" : orEmpty(t.host()));
        port.setText(t == null ? "5060" : Integer.toString(t.port()));
        transport.setText(t == null ? "udp" : t.transport());
        authUser.setText(t == null ? "" : orEmpty(t.authUser()));
        password.setText("");
        password.setMessage(t != null && t.hasSecret() ? "stored; type to replace" : "none stored");
        register.setSelection(t != null && t.register());
        registerExpires.setText(t == null ? "3600" : Integer.toString(t.registerExpires()));
        addresses.setText(t == null ? "" : joined(t.addresses()));
        callerId.setText(t == null ? "" : orEmpty(t.callerId()));
        pai.setSelection(t != null && t.pai());
        codecs.setText(t == null ? "" : joined(t.codecs()));
        maxChannels.setText(t == null ? "30" : Integer.toString(t.maxChannels()));
        probe.setSelection(t == null || t.probe());
        enabled.setSelection(t == null || t.enabled());
        tlsPin.setText(t == null ? "" : orEmpty(t.tlsPin()));
        mediaEncryption.select(t == null ? MediaEncryption.OPTIONAL.ordinal() : t.mediaEncryption().ordinal());
    }

    @Override
    TrunkView read() throws ManagementException {
        Trunk t = new Trunk(name.getText().trim(), host.getText().trim(), number(port, "port"), transport.getText(),
                authUser.getText().trim(), false, register.getSelection(), number(registerExpires, "registerExpires"),
                list(addresses), callerId.getText().trim(), pai.getSelection(), list(codecs),
                number(maxChannels, "maxChannels"), probe.getSelection(), enabled.getSelection(),
                tlsPin.getText().isBlank() ? null : tlsPin.getText().trim(),
                MediaEncryption.values()[Math.max(0, mediaEncryption.getSelectionIndex())], shownVersion);
        secret = password.getText();
        return new TrunkView(t, null, "");
    }

    @Override
    Text keyField() {
        return name;
    }

    @Override
    List<TrunkView> load(SipClient sip) throws ManagementException {
        List<TrunkView> trunks = sip.trunks();
        warnings = sip.trunkWarnings();
        return trunks;
    }

    @Override
    String notice(TrunkView view) {
        return String.join(" ", warnings.getOrDefault(view.trunk().name(), List.of()));
    }

    @Override
    TrunkView save(SipClient sip, TrunkView view, boolean isNew) throws ManagementException {
        Trunk saved = sip.saveTrunk(view.trunk(), secret.isEmpty() ? null : secret, isNew);
        warnings = sip.trunkWarnings(); // what the server warns of the trunk as saved
        return new TrunkView(saved, null, "");
    }

    @Override
    public void forgetVersion() {
        shownVersion = 0;
    }

    @Override
    public Record fields(TrunkView view) {
        return view.trunk();
    }

    @Override
    public TrunkView withFields(TrunkView view, Record fields) {
        return new TrunkView((Trunk) fields, null, "");
    }

    @Override
    public Set<String> notMerged() {
        return Set.of("name", "hasSecret", "version");
    }

    @Override
    boolean delete(SipClient sip, TrunkView view) throws ManagementException {
        return sip.deleteTrunk(view.trunk().name());
    }
}
