# docker build -t incidentbot .
# One instance on SQLite:  docker run -e Telegram__BotToken=... -v incidentbot-data:/data incidentbot
# Several on PostgreSQL in webhook mode: see compose.yaml and the README's "Running several instances".
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/IncidentBot/IncidentBot.csproj src/IncidentBot/
RUN dotnet restore src/IncidentBot/IncidentBot.csproj
COPY src/ src/
RUN dotnet publish src/IncidentBot/IncidentBot.csproj -c Release -o /app --no-restore

# The ASP.NET Core runtime (webhook, health and metrics endpoints), on Debian: libicu is part of the image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The SQLite file lives on a volume, owned by the unprivileged user the image provides.
RUN mkdir -p /data && chown app /data
ENV ConnectionStrings__IncidentBot="Data Source=/data/incidentbot.db"
VOLUME /data
EXPOSE 8080
USER app
ENTRYPOINT ["dotnet", "IncidentBot.dll"]
