# redcdc: the collector and the processor, static (musl) binaries on an empty base.
#
#   docker build -t redcdc .                      # builds them from source (official Rust image)
#   docker build --target local -t redcdc .       # takes them from the build context instead:
#       target/image/bin/{collector,processor} and target/image/ca/ca-certificates.crt
#       (scripts/image.sh builds and strips them; no registry needed)
#
# Both images: two binaries, the CA bundle (TLS to sources and Redis), a non-root user,
# SIGTERM to stop (the collector flushes, commits and exits 0). The collector is the entrypoint;
# run the processor with `--entrypoint /usr/local/bin/processor`, and the operator's CLI as
# `processor redcdc ...` (e.g. `docker exec <processor container> processor redcdc status`). Configuration: a mounted file
# named by REDCDC_CONFIG (collector) / REDCDC_PROCESSOR_CONFIG (processor), secrets from the
# environment (${env:NAME}) or mounted files (${file:...}).

ARG RUST_IMAGE=rust:1.95-bookworm

FROM ${RUST_IMAGE} AS build
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && rustup target add x86_64-unknown-linux-musl
WORKDIR /src
COPY . .
RUN cargo build --profile image --locked --target x86_64-unknown-linux-musl \
      --bin collector --bin processor \
 && mkdir -p /out/bin /out/ca \
 && strip -o /out/bin/collector target/x86_64-unknown-linux-musl/image/collector \
 && strip -o /out/bin/processor target/x86_64-unknown-linux-musl/image/processor \
 && cp /etc/ssl/certs/ca-certificates.crt /out/ca/

# what both images share: an empty base, where the config and the CA bundle are, a non-root user
FROM scratch AS base
ENV REDCDC_CONFIG=/etc/redcdc/config.yaml \
    REDCDC_PROCESSOR_CONFIG=/etc/redcdc/config.yaml \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532:65532
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/collector"]
CMD ["run"]

# the same image from binaries built outside (scripts/image.sh), for machines without a registry
FROM base AS local
COPY target/image/ca/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY target/image/bin/ /usr/local/bin/

FROM base AS image
COPY --from=build /out/ca/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/bin/ /usr/local/bin/
