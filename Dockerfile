# A small image that builds a site mounted at /site:
#
#   docker build -t ladder .
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" ladder            # ladder build
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" ladder check
#   docker run --rm -p 1313:1313 -v "$PWD:/site" ladder serve --addr 0.0.0.0:1313
#
# The binary is static (CGO_ENABLED=0) and the final image holds nothing
# else: no shell, no package manager.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
ARG COMMIT=unknown
ARG DATE=unknown
RUN CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/ladder-ssg/ladder/internal/cli.Version=${VERSION} -X github.com/ladder-ssg/ladder/internal/cli.Commit=${COMMIT} -X github.com/ladder-ssg/ladder/internal/cli.Date=${DATE}" \
    -o /out/ladder ./cmd/ladder

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/ladder /usr/local/bin/ladder
WORKDIR /site
EXPOSE 1313
ENTRYPOINT ["/usr/local/bin/ladder"]
CMD ["build"]
