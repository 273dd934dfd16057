package io.agenthost.oauth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCipherTest {

    private final SecureRandom random = new SecureRandom();

    private TokenCipher cipher(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return new TokenCipher(new SecretKeySpec(key, "AES"), random);
    }

    @Test
    void aSealedValueOpensForItsRecordOnly() {
        TokenCipher cipher = cipher((byte) 1);
        String sealed = cipher.seal("{\"access_token\":\"at-secret\"}", "grant:abc");

        assertFalse(sealed.contains("at-secret"));
        assertEquals("{\"access_token\":\"at-secret\"}", cipher.open(sealed, "grant:abc").orElseThrow());
        assertTrue(cipher.open(sealed, "grant:abd").isEmpty());
        assertNotEquals(sealed, cipher.seal("{\"access_token\":\"at-secret\"}", "grant:abc"));
    }

    @Test
    void anAlteredValueOrAnotherKeyOpensNothing() {
        String sealed = cipher((byte) 1).seal("token", "id");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertTrue(cipher((byte) 1).open(altered, "id").isEmpty());
        assertTrue(cipher((byte) 2).open(sealed, "id").isEmpty());
        assertTrue(cipher((byte) 1).open("v1.", "id").isEmpty());
        assertTrue(cipher((byte) 1).open("plain", "id").isEmpty());
        assertTrue(cipher((byte) 1).open(null, "id").isEmpty());
    }

    @Test
    void aConfiguredKeyIsUsedAsGiven(@TempDir Path dir) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        SecretKey key = TokenCipher.key(Optional.of(Base64.getEncoder().encodeToString(bytes)), dir.resolve("k"),
                random);

        assertArrayEquals(bytes, key.getEncoded());
        assertFalse(Files.exists(dir.resolve("k")));
    }

    @Test
    void aConfiguredKeyOfTheWrongSizeOrNotBase64IsRefused(@TempDir Path dir) {
        OAuthException size = assertThrows(OAuthException.class,
                () -> TokenCipher.key(Optional.of(Base64.getEncoder().encodeToString(new byte[20])), dir, random));
        assertTrue(size.getMessage().contains("16, 24 or 32 bytes"), size.getMessage());
        assertThrows(OAuthException.class, () -> TokenCipher.key(Optional.of("not base64!"), dir, random));
    }

    @Test
    void withoutAConfiguredKeyOneIsGeneratedOnceAndKeptPrivate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve("oauth-token.key");

        SecretKey first = TokenCipher.key(Optional.empty(), file, random);
        SecretKey again = TokenCipher.key(Optional.of(" "), file, random);

        assertEquals(32, first.getEncoded().length);
        assertArrayEquals(first.getEncoded(), again.getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(1, listing.count(), "no temporary file is left behind");
        }
        String sealed = new TokenCipher(first, random).seal("x", "id");
        assertEquals("x", new TokenCipher(again, random).open(sealed, "id").orElseThrow());
    }
}
