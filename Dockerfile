# Whisper server image. Build: docker build -t whisper .   Run: see docs/deploy.md
# Stage 1 restores and publishes with the SDK; stage 2 carries only the runtime and the published app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig Whisper.slnx ./
COPY src/ src/
RUN dotnet publish src/Whisper.Cli/Whisper.Cli.csproj -c Release -o /app --no-self-contained

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Non-root; the store and key file live on a mounted volume.
USER app
VOLUME ["/data"]
ENV ASPNETCORE_URLS= \
    DOTNET_gcServer=1
EXPOSE 8080
ENTRYPOINT ["dotnet", "whisper.dll", "serve", "--urls", "http://0.0.0.0:8080", "--store", "/data/whisper.db", "--keys", "/data/api-keys.json"]
