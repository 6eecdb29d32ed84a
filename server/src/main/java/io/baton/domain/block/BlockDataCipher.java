package io.baton.domain.block;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts block document data at rest with AES-256-GCM. The stored form is {@code v1:} followed by the
 * base64 of a 12-byte random nonce and the ciphertext with its tag, so a tampered or foreign value fails
 * to decrypt instead of yielding garbage.
 */
public final class BlockDataCipher {

    private static final String PREFIX = "v1:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public BlockDataCipher(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("Block data keys are 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /**
     * The key for a configured secret: a base64 (standard or URL-safe) text of exactly 32 bytes is used as
     * is, such as a Fernet key or {@link #newKeyText()}; any other text is stretched with SHA-256.
     */
    public static BlockDataCipher fromKeyText(String text) {
        String trimmed = text.trim();
        for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getUrlDecoder(), Base64.getDecoder()}) {
            try {
                byte[] bytes = decoder.decode(trimmed);
                if (bytes.length == 32) {
                    return new BlockDataCipher(bytes);
                }
            } catch (IllegalArgumentException ignored) {
                // not this alphabet
            }
        }
        try {
            return new BlockDataCipher(MessageDigest.getInstance("SHA-256").digest(trimmed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random key as URL-safe base64 text. */
    public static String newKeyText() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().encodeToString(bytes);
    }

    public String encrypt(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt block data", e);
        }
    }

    public String decrypt(String stored) {
        if (!stored.startsWith(PREFIX)) {
            throw new IllegalStateException("Block data is not in a known encrypted form");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
            return new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot decrypt block data (wrong encryption key?)", e);
        }
    }
}
