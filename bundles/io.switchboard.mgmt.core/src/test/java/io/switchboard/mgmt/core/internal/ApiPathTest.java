package io.switchboard.mgmt.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.switchboard.mgmt.api.Role;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

class ApiPathTest {

    @Test
    void escapesAreDecodedOnceSoTheRulesSeeWhatTheServletServes() throws Exception {
        assertEquals("/api/v1/accounts/x", ApiPath.decode("/api/v1/%61ccounts/x"));
        assertEquals(Role.ADMIN, Permissions.required("PUT", ApiPath.decode("/api/v1/%61ccounts/x").substring(7)));
        assertEquals("/api/v1/AUDIT", ApiPath.decode("/api/v1/%41UDIT"), "case is the servlet's business");
        assertEquals("/api/v1/sip/users/j\u00fcrgen", ApiPath.decode("/api/v1/sip/users/j%C3%BCrgen"));
        assertEquals("/api/v1/sip/users/j\u00fcrgen", ApiPath.decode("/api/v1/sip/users/j\u00fcrgen"));
    }

    @Test
    void whatCouldBeReadTwoWaysIsRefused() {
        for (String raw : new String[] { "/api/v1/accounts%2fx", "/api/v1/accounts%2Fx", "/api/v1/%2e%2e/x",
                "/api/v1/sip/../accounts", "/api/v1/./accounts", "/api/v1/accounts/.", "/api/v1/accounts;a=b/x",
                "/api/v1/accounts%3bx", "/api/v1//accounts", "/api/v1/accounts%5cx", "/api/v1/acc\\ounts",
                "/api/v1/%2561ccounts", "/api/v1/accounts%00", "/api/v1/accounts%0d%0a", "/api/v1/%zz",
                "/api/v1/%c3", "/api/v1/accounts%", "api/v1/accounts" }) {
            assertThrows(ApiPath.Ambiguous.class, () -> ApiPath.decode(raw), raw);
        }
    }

    @Test
    void anImportIsStoppedAtTheFirstLineTooLongOrWhenTooLarge() throws IOException {
        byte[] lines = "a,b\nshort\n".concat("x".repeat(2000)).concat("\n").getBytes(StandardCharsets.UTF_8);
        ImportCap.Exceeded longLine = assertThrows(ImportCap.Exceeded.class,
                () -> new ImportCap(stream(lines), 1 << 20, 1024).readAllBytes());
        assertTrue(longLine.getMessage().startsWith("Line 3 of the import is longer than 1 KB"), longLine.getMessage());
        ImportCap.Exceeded tooLarge = assertThrows(ImportCap.Exceeded.class,
                () -> new ImportCap(stream(lines), 100, 4096).readAllBytes());
        assertTrue(tooLarge.getMessage().contains("at line 3"), tooLarge.getMessage());
        assertEquals(lines.length, new ImportCap(stream(lines), 1 << 20, 4096).readAllBytes().length,
                "within both limits: every byte");
    }

    private static ServletInputStream stream(byte[] bytes) {
        InputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return false;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException();
            }
        };
    }
}
