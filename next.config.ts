import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Kafka and Elasticsearch clients run only on the server and must not be bundled.
  serverExternalPackages: ["kafkajs", "@elastic/elasticsearch"],
  poweredByHeader: false,
};

export default nextConfig;
