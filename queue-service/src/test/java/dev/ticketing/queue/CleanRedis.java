package dev.ticketing.queue;

import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Deletes the keys under one test's own prefix (never anything else: the Redis server is shared). */
public final class CleanRedis {

    private CleanRedis() {
    }

    public static long deleteKeysUnder(StringRedisTemplate redis, String prefix) {
        if (prefix == null || prefix.isBlank()) {
            throw new IllegalArgumentException("Refusing to delete without a prefix");
        }
        List<String> keys = new ArrayList<>();
        try (Cursor<String> cursor = redis.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            cursor.forEachRemaining(keys::add);
        }
        long deleted = 0;
        for (int from = 0; from < keys.size(); from += 1000) {
            Long count = redis.delete(keys.subList(from, Math.min(keys.size(), from + 1000)));
            deleted += count == null ? 0 : count;
        }
        return deleted;
    }
}
