# entitygraph serve in a container (issue 16). Build and run from the repository root:
#   docker build -t entitygraph .
#   docker run --rm -p 8080:8080 entitygraph
#   curl -s -H 'Content-Type: text/plain' --data 'Islamic State fighters captured Tal Afar.' localhost:8080/v1/extract
# The models are embedded in the library, so the image needs nothing else. `docker stop` sends SIGTERM: the service
# answers the requests it holds, then exits 0.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/EntityGraph.Cli/EntityGraph.Cli.csproj -c Release -o /app /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
EXPOSE 8080
# Inside a container the service must listen beyond localhost; publish the port only where it should be reachable.
ENTRYPOINT ["dotnet", "EntityGraph.Cli.dll", "serve", "--host", "0.0.0.0", "--port", "8080"]
