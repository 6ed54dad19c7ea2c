# hangar_add_test(NAME <name> SOURCES <files...> LIBS <targets...> [GUI] [TIMEOUT s] [LABELS l...]
#                 [WRAPPER <command...>])
# Registers one QtTest executable with CTest. GUI tests run on the offscreen platform.
# WRAPPER runs the test through a command that sets up its surroundings and then runs the
# binary given as its last argument (e.g. tests/support/with-keyring.sh).
function(hangar_add_test)
    cmake_parse_arguments(T "GUI" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;WRAPPER" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test hangar_test_support ${T_LIBS} Hangar::options)
    if(T_WRAPPER)
        add_test(NAME ${T_NAME} COMMAND ${T_WRAPPER} $<TARGET_FILE:${T_NAME}>)
    else()
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    endif()
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(env "HANGAR_TEST_BINARY_DIR=${CMAKE_BINARY_DIR}")
    if(T_GUI)
        list(APPEND env "QT_QPA_PLATFORM=offscreen")
        list(APPEND T_LABELS gui)
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "${env}"
        LABELS "${T_LABELS}")
endfunction()
