# docker build -t incidentbot . && docker run -e Telegram__BotToken=... -v incidentbot-data:/data incidentbot
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/IncidentBot/IncidentBot.csproj src/IncidentBot/
RUN dotnet restore src/IncidentBot/IncidentBot.csproj
COPY src/ src/
RUN dotnet publish src/IncidentBot/IncidentBot.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/runtime:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data && chown app /data
ENV ConnectionStrings__IncidentBot="Data Source=/data/incidentbot.db"
VOLUME /data
USER app
ENTRYPOINT ["dotnet", "IncidentBot.dll"]
