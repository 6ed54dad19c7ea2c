# One INTERFACE target carries the settings every Hangar target shares.
add_library(hangar_options INTERFACE)
add_library(Hangar::options ALIAS hangar_options)

target_compile_features(hangar_options INTERFACE cxx_std_20)
target_compile_definitions(hangar_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_USE_QSTRINGBUILDER
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    HANGAR_VERSION="${PROJECT_VERSION}")
target_compile_options(hangar_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)

option(HANGAR_WERROR "Treat warnings as errors" OFF)
if(HANGAR_WERROR)
    target_compile_options(hangar_options INTERFACE -Werror)
endif()

option(HANGAR_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(HANGAR_SANITIZE)
    target_compile_options(hangar_options INTERFACE
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(hangar_options INTERFACE -fsanitize=address,undefined)
endif()
