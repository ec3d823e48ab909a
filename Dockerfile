# ngdbt + the NeoGlobal project in one image.
#   docker build -t neoglobal/ngdbt .           (or: docker-compose build)
#   docker run --rm neoglobal/ngdbt --version
# Stage 1 keeps only the .csproj files, so the restore layer is reused until a project file changes.
# Stage 2 restores, bundles the docs front-end (npm, run by an MSBuild target of src/Ngdbt.Docs) and publishes
# src/ngdbt for linux-x64: framework-dependent, ReadyToRun. Stage 3 is the ASP.NET Core runtime (the docs server
# and the dashboard are ASP.NET Core), the published tool and the project files under /app.

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
RUN dotnet restore src/ngdbt/ngdbt.csproj -r linux-x64 -p:PublishReadyToRun=true
COPY docs-site/package.json docs-site/package-lock.json docs-site/
RUN cd docs-site && npm ci --no-audit --no-fund
COPY . .
RUN dotnet publish src/ngdbt/ngdbt.csproj -c Release -r linux-x64 --self-contained false --no-restore \
      -p:PublishReadyToRun=true -p:ContinuousIntegrationBuild=true -o /out/ngdbt
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
RUN ln -s /opt/ngdbt/ngdbt /usr/local/bin/ngdbt
WORKDIR /app
COPY --from=build --chown=$APP_UID /out/app/ /app/
# data/ and warehouse/ are bind mounts (docker-compose.yml); target/ holds artifacts and the docs site.
RUN mkdir -p /app/data /app/warehouse /app/target && chown -R $APP_UID /app
USER $APP_UID
ENTRYPOINT ["ngdbt"]
CMD ["--help"]
