# ngdbt + the NeoGlobal project (and its `neoglobal` host) in one image.
#   docker build -t neoglobal/ngdbt .           (or: docker-compose build)
#   docker run --rm neoglobal/ngdbt --version
#   docker run --rm --entrypoint neoglobal neoglobal/ngdbt --help
# Stage 1 keeps only the .csproj files, so the restore layer is reused until a project file changes.
# Stage 2 restores, bundles the docs front-end (npm, run by an MSBuild target of src/Ngdbt.Docs) and publishes, for
# linux-x64, framework-dependent and ReadyToRun, into one folder: src/NeoGlobal.Cli (the `neoglobal` host: every
# ngdbt verb plus generate, serve, dashboard export), then src/ngdbt (the framework CLI, last so its own runtime
# settings are the ones kept; the two share every other assembly). Stage 3 is the ASP.NET Core runtime (the docs
# server and the dashboard are ASP.NET Core), both commands and the project files under /app.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS projects
WORKDIR /src
COPY src/ src/
RUN find src -type f ! -name '*.csproj' -delete

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
# Node is needed only here, for the docs-site bundle (esbuild); from the distribution's own packages.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 npm_config_update_notifier=false
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props NeoGlobal.sln ./
COPY --from=projects /src/src/ src/
RUN dotnet restore src/NeoGlobal.Cli/NeoGlobal.Cli.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY docs-site/package.json docs-site/package-lock.json docs-site/
RUN cd docs-site && npm ci --no-audit --no-fund
COPY . .
RUN for p in src/NeoGlobal.Cli/NeoGlobal.Cli.csproj src/ngdbt/ngdbt.csproj; do \
      dotnet publish "$p" -c Release -r linux-x64 --self-contained false --no-restore \
        -p:PublishReadyToRun=true -p:ContinuousIntegrationBuild=true -o /out/ngdbt || exit 1; \
    done
# The NeoGlobal project: whichever of these exist (git keeps no empty folders, so none is assumed).
RUN mkdir -p /out/app \
 && for p in project.yml profiles.yml models seeds tests macros snapshots analyses; do \
      if [ -e "$p" ]; then cp -r "$p" /out/app/; fi; \
    done

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_TieredPGO=1 \
    NEOGLOBAL_WAREHOUSE=/app/warehouse/neoglobal.duckdb
COPY --from=build /out/ngdbt/ /opt/ngdbt/
RUN ln -s /opt/ngdbt/ngdbt /usr/local/bin/ngdbt && ln -s /opt/ngdbt/neoglobal /usr/local/bin/neoglobal
WORKDIR /app
COPY --from=build --chown=$APP_UID /out/app/ /app/
# data/ and warehouse/ are bind mounts (docker-compose.yml); target/ holds artifacts and the docs site.
RUN mkdir -p /app/data /app/warehouse /app/target && chown -R $APP_UID /app
USER $APP_UID
ENTRYPOINT ["ngdbt"]
CMD ["--help"]
