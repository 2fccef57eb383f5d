package mr.bacmr.ingestion.config;

import io.smallrye.config.ConfigMapping;

import java.net.URI;

/** The S3-compatible object store (S3Proxy locally, AWS S3 or Supabase Storage in production). */
@ConfigMapping(prefix = "bacmr.s3")
public interface ObjectStoreConfig {

    URI endpoint();

    String region();

    String bucket();

    String accessKey();

    String secretKey();
}
