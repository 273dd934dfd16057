package io.agenthost.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the OAuth state the host stores (tokens, verifiers, client secrets) with AES-GCM, so that a copy of the
 * database alone gives nothing away. Each value is bound to the id of the record that holds it (as associated data),
 * so a sealed value moved to another record does not open.
 */
public final class TokenCipher {

    private static final String VERSION = "v1.";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random;

    public TokenCipher(SecretKey key, SecureRandom random) {
        this.key = key;
        this.random = random;
    }

    public String seal(String plaintext, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Empty when the value was sealed with another key or for another record, or was altered. */
    public Optional<String> open(String sealed, String context) {
        if (sealed == null || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        try {
            byte[] in = Base64.getUrlDecoder().decode(sealed.substring(VERSION.length()));
            if (in.length < IV_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The key from configuration (base64 of 16, 24 or 32 bytes), else the one kept in {@code file}, which is created
     * with a random 256-bit key on first use, readable by the server's user only.
     */
    public static SecretKey key(Optional<String> configured, Path file, SecureRandom random) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return aes(configured.get(), "agent.oauth.token-key");
        }
        try {
            if (Files.isRegularFile(file)) {
                return aes(Files.readString(file), file.toString());
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            Path temp = Files.createTempFile(dir, ".oauth-key", ".tmp");
            try {
                restrict(temp);
                Files.writeString(temp, Base64.getEncoder().encodeToString(fresh));
                // Another server sharing the directory may have won the race: then its key is the key.
                Files.move(temp, file);
            } catch (FileAlreadyExistsException lost) {
                return aes(Files.readString(file), file.toString());
            } finally {
                Files.deleteIfExists(temp);
            }
            return new SecretKeySpec(fresh, "AES");
        } catch (IOException e) {
            throw new OAuthException("token_key_unavailable", "the token key file " + file
                    + " cannot be read or created (set agent.oauth.token-key or agent.oauth.token-key-file): " + e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Elsewhere the directory's own permissions protect it.
        }
    }

    private static SecretKey aes(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new OAuthException("token_key_invalid", source + " is not base64");
        }
        if (bytes.length != 16 && bytes.length != 24 && bytes.length != 32) {
            throw new OAuthException("token_key_invalid", source + " must hold 16, 24 or 32 bytes, not "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
